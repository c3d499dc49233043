import type { ZohoHttp } from '../http';
import type { ZohoOrganization } from '../types';
import { list } from './common';

export function organizations(http: ZohoHttp) {
  return {
    /** The organizations the token can see (also the connection test: it needs only a valid token). */
    async list(): Promise<ZohoOrganization[]> {
      return list<ZohoOrganization>(await http.call({ method: 'GET', path: '/organizations' }), 'organizations');
    },
  };
}
