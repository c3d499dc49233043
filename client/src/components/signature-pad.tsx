import { useEffect, useRef } from 'preact/hooks';

/**
 * The customer signs on screen (finger, pen or mouse). Each stroke ends by saving the drawing as a
 * PNG data URL, which is what the order carries and the PDF prints.
 */
export function SignaturePad({ value, onChange }: { value: string; onChange(dataUrl: string): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const c = canvas.current!;
    const ctx = c.getContext('2d')!;
    if (value) {
      const img = new Image();
      img.onload = () => ctx.drawImage(img, 0, 0);
      img.src = value;
    }
    // Only when mounted: later values are what this canvas drew.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const point = (e: PointerEvent) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return [((e.clientX - r.left) * c.width) / r.width, ((e.clientY - r.top) * c.height) / r.height] as const;
  };
  const down = (e: PointerEvent) => {
    const c = canvas.current!;
    c.setPointerCapture(e.pointerId);
    const ctx = c.getContext('2d')!;
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
    ctx.beginPath();
    ctx.moveTo(...point(e));
    c.dataset.drawing = '1';
  };
  const move = (e: PointerEvent) => {
    const c = canvas.current!;
    if (!c.dataset.drawing) return;
    const ctx = c.getContext('2d')!;
    ctx.lineTo(...point(e));
    ctx.stroke();
  };
  const up = () => {
    const c = canvas.current!;
    if (!c.dataset.drawing) return;
    delete c.dataset.drawing;
    onChange(c.toDataURL('image/png'));
  };
  const clear = () => {
    const c = canvas.current!;
    c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
    onChange('');
  };

  return (
    <div class="signature">
      <canvas
        ref={canvas}
        width={600}
        height={200}
        class="signature-pad"
        role="img"
        aria-label={value ? 'Customer signature (signed)' : 'Customer signature: draw here'}
        data-testid="signature-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
      />
      <button type="button" class="button button-small button-quiet" onClick={clear} disabled={!value}>
        Clear signature
      </button>
    </div>
  );
}
