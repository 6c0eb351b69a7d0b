// The setup wizard's outcomes in plain words, by the API's error code.
export const OUTCOME_TITLES: Record<string, string> = {
  TOKEN_INVALID: "This activation token was not accepted",
  TOKEN_EXPIRED: "The activation token has expired",
  TOKEN_REUSED: "This activation token was already used",
  REGION_MISMATCH: "The token is for another Cisco Spaces region",
  BASE_URL_NOT_ALLOWED: "The token points to an address Floorpulse does not trust",
  SPACES_UNREACHABLE: "Cisco Spaces did not answer",
  TENANT_MISMATCH: "The token is for another organisation",
  VALIDATION: "Something in the form needs fixing",
  CSRF_FAILED: "The page is out of date",
  UNAUTHENTICATED: "You are signed out",
  FORBIDDEN: "Only admins can activate Floorpulse",
  RATE_LIMITED: "Too many attempts",
};

export const OUTCOME_HINTS: Record<string, string> = {
  TOKEN_INVALID:
    "Copy the whole token again from Cisco Spaces (App Activation → Generate App Activation Token) and paste it here.",
  TOKEN_EXPIRED:
    "Activation tokens are valid for a few minutes: generate a new one in Cisco Spaces and paste it right away.",
  TOKEN_REUSED: "Each token activates once. Generate a new token in Cisco Spaces and activate again.",
  REGION_MISMATCH: "Generate the token in the Cisco Spaces region where the app was activated.",
  BASE_URL_NOT_ALLOWED:
    "Nothing was sent to that address. Use a token from Cisco Spaces itself, or ask the operator to allow its region (SPACES_ALLOWED_BASE_URLS).",
  SPACES_UNREACHABLE:
    "Nothing was activated. Check this server's internet access and try again in a minute; the token stays valid until it expires.",
  TENANT_MISMATCH: "Sign in with an admin account of that organisation, or paste a token for your own.",
  CSRF_FAILED: "Reload the page and try again.",
  UNAUTHENTICATED: "Sign in again, then retry.",
  RATE_LIMITED: "Wait a minute, then try again.",
};
