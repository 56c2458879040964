/**
 * Shrinks a phone photo before upload: a 12-megapixel JPEG is 4-8 MB, the citizen channel accepts 5 MB and a
 * case worker needs ~1600 px. Draws into a canvas at most `maxSide` wide/high and re-encodes as JPEG.
 */
export async function compressPhoto(file: File, maxSide = 1600, quality = 0.8): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('photo could not be encoded'))), 'image/jpeg', quality));
}

/** The browser's position, or undefined when refused/unavailable (the form then asks for an address). */
export function locate(timeoutMs = 8000): Promise<{ lng: number; lat: number } | undefined> {
  if (!('geolocation' in navigator)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }),
      () => resolve(undefined),
      { timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
