/** The administrators' session cookie, set by the Microsoft sign-in (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'a365_session';
