/** Who uses Satchel. Reps take orders; support follows every order; admins run the place. */
export const ROLES = ['rep', 'support', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A user as the API shows them: never a password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
}
