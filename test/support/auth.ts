/** Signed-in API clients for tests: a supertest agent that keeps the session cookie and sends the CSRF header. */
import type { Express } from 'express';
import request from 'supertest';
import type { Role } from '../../domain';
import { createAuth, CSRF_VALUE, type Auth } from '../../hub/auth';
import type { Database } from '../../server/db/connect';

export const PASSWORD = 'correct horse battery staple';

export function testAuth(db: Database, now?: () => Date): Auth {
  // Cheap throttle windows are set per test where needed; sessions as in production.
  return createAuth(db, { sessionIdleDays: 30, sessionMaxDays: 90, now });
}

export async function createUser(auth: Auth, role: Role, name = `${role}-${Math.random().toString(36).slice(2, 8)}`) {
  return auth.users.create({ email: `${name}@example.test`, name, role, password: PASSWORD }, null);
}

export type Agent = ReturnType<typeof request.agent>;

/** An agent with the CSRF header on every request; signed in when a user is given. */
export async function agentFor(app: Express, user?: { email: string }): Promise<Agent> {
  const agent = request.agent(app).set('X-Requested-With', CSRF_VALUE);
  if (user) await agent.post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
  return agent;
}
