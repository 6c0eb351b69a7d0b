import { AppError } from "@/lib/errors";
import { SpacesError } from "@/lib/spaces/client";

// What Cisco's activate…App answered, in our codes and plain words. The messages are the documented
// ones (Cisco Spaces, "Single-Tenant Cloud App - API Integration"); anything else keeps Cisco's own text.
export function activationFailure(e: unknown, baseUrl: string): AppError {
  if (!(e instanceof SpacesError)) {
    return new AppError(
      "SPACES_UNREACHABLE",
      `Cisco Spaces at ${baseUrl} did not answer the activation (${(e as Error).message}). Nothing was activated; try again in a minute.`,
    );
  }
  const said = e.message;
  if (e.status >= 500)
    return new AppError(
      "SPACES_UNREACHABLE",
      `Cisco Spaces at ${baseUrl} failed (HTTP ${e.status}). Nothing was activated; try again in a minute.`,
    );
  if (/deactivated|reactivation/i.test(said)) {
    return new AppError(
      "TOKEN_REUSED",
      `This activation token was already used. Cisco Spaces has now deactivated the app for it ("${said}"). Generate a new activation token in Cisco Spaces and activate again.`,
    );
  }
  if (/expired/i.test(said))
    return new AppError(
      "TOKEN_EXPIRED",
      `Cisco Spaces says the activation token has expired. Generate a new one in Cisco Spaces and paste it within five minutes.`,
    );
  if (/not able to find appId|failed to activ/i.test(said)) {
    return new AppError(
      "REGION_MISMATCH",
      `Cisco Spaces at ${baseUrl} does not know this app: the token comes from another Cisco Spaces region. Generate the token in the region where the app was activated.`,
    );
  }
  if (/invalid/i.test(said))
    return new AppError("TOKEN_INVALID", `Cisco Spaces refused the activation token ("${said}").`);
  return new AppError("TOKEN_INVALID", `Cisco Spaces refused the activation: ${said || `HTTP ${e.status}`}.`);
}
