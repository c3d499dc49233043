/**
 * Who is signed in on this device. The last known user is remembered so the app opens offline
 * (the hub cannot be asked); the session itself is an HttpOnly cookie the app never sees.
 */
import { ApiError, getMe } from './api';
import type { PublicUser } from './domain';

const KEY = 'satchel.user';

export function rememberedUser(): PublicUser | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as PublicUser) : null;
  } catch {
    return null;
  }
}

export function remember(user: PublicUser | null): void {
  if (user) localStorage.setItem(KEY, JSON.stringify(user));
  else localStorage.removeItem(KEY);
}

/** The signed-in user: asks the hub when it can, trusts the device's memory when offline. */
export async function currentUser(): Promise<PublicUser | null> {
  try {
    const user = await getMe();
    remember(user);
    return user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      remember(null);
      return null;
    }
    return rememberedUser(); // offline or hub unreachable
  }
}
