/**
 * Item images: fetched from Zoho once (on first request), kept in the hub database, served with an
 * ETag. Refetched only when the item's image name changes in Zoho. One fetch per item at a time.
 */
import crypto from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { ZohoClient } from '../../zoho/connector';
import { ZohoNotFoundError } from '../../zoho/connector/errors';
import type { Database } from '../../server/db/connect';
import type { CatalogueStore } from '../../server/catalogue/store';

export interface CachedImage {
  data: Buffer;
  contentType: string;
  etag: string;
  /** True when this request fetched it from Zoho. */
  fetched: boolean;
}

export function createImageCache({ db, zoho, store }: { db: Database; zoho: Pick<ZohoClient, 'items'>; store: CatalogueStore }) {
  const inFlight = new Map<string, Promise<CachedImage | undefined>>();
  const sequelize = db.sequelize;

  async function cached(itemId: string): Promise<{ image_name: string; content_type: string; etag: string; data: Buffer } | undefined> {
    const rows = await sequelize.query<{ image_name: string; content_type: string; etag: string; data: Buffer | string }>(
      'SELECT image_name, content_type, etag, data FROM catalogue_images WHERE item_id = ?',
      { replacements: [itemId], type: QueryTypes.SELECT },
    );
    const r = rows[0];
    return r && { ...r, data: Buffer.isBuffer(r.data) ? r.data : Buffer.from(r.data) };
  }

  async function fetchAndStore(itemId: string, imageName: string): Promise<CachedImage | undefined> {
    let image: { data: Buffer; contentType: string };
    try {
      image = await zoho.items.image(itemId);
    } catch (err) {
      if (err instanceof ZohoNotFoundError) return undefined;
      throw err;
    }
    const etag = `"${crypto.createHash('sha256').update(image.data).digest('base64url').slice(0, 27)}"`;
    await sequelize.query(
      'INSERT INTO catalogue_images (item_id, image_name, content_type, etag, data, fetched_at) VALUES (?,?,?,?,?,?) ' +
        'ON CONFLICT (item_id) DO UPDATE SET image_name = excluded.image_name, content_type = excluded.content_type, etag = excluded.etag, data = excluded.data, fetched_at = excluded.fetched_at',
      { replacements: [itemId, imageName, image.contentType || 'application/octet-stream', etag, image.data, new Date()] },
    );
    return { data: image.data, contentType: image.contentType, etag, fetched: true };
  }

  return {
    /** The item's image, or undefined when the item is unknown, removed, or has no image. */
    async get(itemId: string): Promise<CachedImage | undefined> {
      const item = await store.get('item', itemId);
      if (!item || item.deleted) return undefined;
      const imageName = (JSON.parse(item.data) as { image?: string }).image;
      if (!imageName) return undefined;
      const hit = await cached(itemId);
      if (hit && hit.image_name === imageName) return { data: hit.data, contentType: hit.content_type, etag: hit.etag, fetched: false };
      let pending = inFlight.get(itemId);
      if (!pending) {
        pending = fetchAndStore(itemId, imageName).finally(() => inFlight.delete(itemId));
        inFlight.set(itemId, pending);
      }
      return pending;
    },
  };
}

export type ImageCache = ReturnType<typeof createImageCache>;
