/** A relative path on this site to go back to after sign-in; anything else (//host, schemes) is "/". */
export function safeNextPath(next: string | null | undefined): string {
  if (
    !next ||
    !next.startsWith("/") ||
    next.startsWith("//") ||
    next.startsWith("/\\") ||
    /[\r\n\t]/.test(next) ||
    next.length > 500
  )
    return "/";
  return next;
}
