// Settings a test gives the app, named for what they stand for.

/** No demo mode (being on this machine makes nobody an admin); `email` is an admin when launched from the app tile. */
export const launchAdmin = (email: string) => ({ DEMO_MODE: "off", LAUNCH_ADMIN_EMAILS: email });

/** The local admin account made at first start. */
export const adminAccount = (a: { email: string; password: string }) => ({
  ADMIN_EMAIL: a.email,
  ADMIN_PASSWORD: a.password,
});
