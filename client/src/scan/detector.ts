/**
 * A barcode detector: the browser's own `BarcodeDetector` (Chrome on Android, Safari on iOS 17+
 * with the flag, ...) when it reads the retail formats, else the same API from the
 * `barcode-detector` ponyfill (ZXing-C++ compiled to WebAssembly). The ponyfill is loaded on the
 * first scan only, and its `.wasm` is served by the hub and precached with the app (client/build.ts
 * copies it), never fetched from a CDN: scanning works offline.
 */

/** UPC, EAN (ISBN is an EAN-13), and Code 128 / 39 for SKU labels. */
export const RETAIL_FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39'] as const;

export interface DetectedBarcode {
  rawValue: string;
  format: string;
}

export interface Detector {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}

/** Where the build puts the decoder's WebAssembly (client/build.ts). */
export const ZXING_WASM_URL = 'assets/zxing_reader.wasm';

interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

let loading: Promise<Detector> | undefined;

async function nativeDetector(): Promise<Detector | undefined> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return undefined;
  try {
    const supported = await Native.getSupportedFormats();
    const formats = RETAIL_FORMATS.filter((f) => supported.includes(f));
    return formats.includes('ean_13') ? new Native({ formats }) : undefined;
  } catch {
    return undefined; // present but unusable (no platform decoder)
  }
}

async function ponyfillDetector(): Promise<Detector> {
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  const wasm = new URL(ZXING_WASM_URL, document.baseURI).href;
  prepareZXingModule({ overrides: { locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? wasm : prefix + file) } });
  return new BarcodeDetector({ formats: [...RETAIL_FORMATS] });
}

/** The detector, made once. `preferPonyfill` is for tests that want the WebAssembly path in any browser. */
export function getDetector({ preferPonyfill = false }: { preferPonyfill?: boolean } = {}): Promise<Detector> {
  loading ??= (async () => (!preferPonyfill && (await nativeDetector())) || ponyfillDetector())();
  loading.catch(() => (loading = undefined));
  return loading;
}
