/**
 * Scan: the camera's picture read for a barcode until one is found, or a photo (taken or chosen)
 * read once; the code goes to `onCode`. Works offline (scan/detector.ts). Where there is no camera
 * or the rep refuses it, the photo path still works; a keyboard-wedge scanner needs none of this
 * (it types into the search box).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getDetector, type Detector } from '../scan/detector';

const LOOK_EVERY_MS = 200;

export function ScanDialog({ onCode, onClose }: { onCode(code: string): void; onClose(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState('Starting the camera…');
  const [cameraOn, setCameraOn] = useState(false);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
    void (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setStatus('No camera here: take or choose a photo of the barcode.');
        return;
      }
      let detector: Detector;
      try {
        [stream, detector] = await Promise.all([navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }), getDetector()]);
      } catch (err) {
        setStatus(`The camera is not available (${err instanceof Error ? err.message : String(err)}): take or choose a photo of the barcode.`);
        return;
      }
      if (stopped) return stop();
      const v = video.current!;
      v.srcObject = stream;
      await v.play().catch(() => undefined);
      setCameraOn(true);
      setStatus('Point the camera at a barcode.');
      const look = async () => {
        if (stopped) return;
        const found = v.readyState >= 2 ? await detector.detect(v).catch(() => []) : [];
        if (found[0]?.rawValue) {
          stop();
          onCode(found[0].rawValue);
          return;
        }
        timer = setTimeout(() => void look(), LOOK_EVERY_MS);
      };
      void look();
    })();
    return stop;
  }, [onCode]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const readPhoto = async (file: File | undefined) => {
    if (!file) return;
    setStatus('Reading the photo…');
    try {
      const [detector, bitmap] = await Promise.all([getDetector(), createImageBitmap(file)]);
      const found = await detector.detect(bitmap);
      if (found[0]?.rawValue) onCode(found[0].rawValue);
      else setStatus('No barcode found in that photo: try again closer, with the code flat and in focus.');
    } catch (err) {
      setStatus(`That photo could not be read (${err instanceof Error ? err.message : String(err)}).`);
    }
  };

  return (
    <div class="scan-dialog" role="dialog" aria-modal="true" aria-labelledby="scan-title" data-testid="scan-dialog">
      <h3 id="scan-title">Scan a barcode</h3>
      <video ref={video} class={cameraOn ? 'scan-video' : 'scan-video off'} muted playsInline aria-hidden="true" />
      <p role="status" data-testid="scan-status">
        {status}
      </p>
      <label class="button button-quiet scan-photo">
        Take or choose a photo
        <input
          type="file"
          accept="image/*"
          capture="environment"
          class="visually-hidden"
          data-testid="scan-photo"
          onChange={(e) => void readPhoto(e.currentTarget.files?.[0])}
        />
      </label>
      <button type="button" class="button button-quiet" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
