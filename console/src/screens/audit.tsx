/** A section whose screen is not registered yet (see screens.ts). */
import type { ScreenProps } from '../screens';

export default function Placeholder(_props: ScreenProps) {
  return (
    <section>
      <h1>Coming soon</h1>
      <p>This section is not available yet.</p>
    </section>
  );
}
