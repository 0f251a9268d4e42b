/** A successful token endpoint reply (RFC 6749 section 5.1, with Microsoft's `ext_expires_in`). */
export interface TokenResponseBody {
  token_type: 'Bearer';
  scope?: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  /** base64url JSON `{uid, utid}`: the user's object id and home tenant, as MSAL keys its account cache. */
  client_info?: string;
}
