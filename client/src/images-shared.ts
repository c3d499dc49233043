/** Product images: one URL per item, kept in their own cache by the service worker once seen. */
export const IMAGE_CACHE = 'satchel-images';

export const imageUrl = (itemId: string) => `/api/catalogue/items/${encodeURIComponent(itemId)}/image`;

export const isImagePath = (path: string) => /^\/api\/catalogue\/items\/[^/]+\/image$/.test(path);
