/** What every console screen is given: who is signed in, and the rest of its hash route. */
import type { PublicUser } from './domain';

export interface ScreenProps {
  /** The signed-in staff member. */
  user: PublicUser;
  /** What follows the screen's own path in the URL: `#/orders/<id>` gives the orders screen `['<id>']`. */
  params: string[];
  /** The query string after `?` in the hash route, e.g. `#/orders?q=SO-1` gives `q=SO-1`. */
  query: URLSearchParams;
}
