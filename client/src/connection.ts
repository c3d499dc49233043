/**
 * Whether the hub answered the last call. navigator.onLine only knows about the device's own
 * network: with Wi-Fi but no route to the hub (a captive portal, the hub down) it stays true, so
 * every API call reports here and the status pill can say "Hub unreachable" instead of "Online".
 */
import { observable } from './observable';

export const hubReachable = observable(true);

export function reportHub(reached: boolean): void {
  if (hubReachable.get() !== reached) hubReachable.set(reached);
}
