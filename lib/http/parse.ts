import type { z } from "zod";
import { AppError } from "@/lib/errors";

// The one way a failed zod parse of a request becomes a VALIDATION error: every problem, each named by
// its field unless its message already names it, joined by "; ".

export function validationMessage(error: z.ZodError): string {
  const lines = error.issues.map((i) => {
    const field = i.path.map(String).join(".");
    const named = !field || i.message.includes(String(i.path[0]));
    return named ? i.message : `${field}: ${i.message}`;
  });
  return [...new Set(lines)].join("; ") || "invalid input";
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError("VALIDATION", validationMessage(r.error));
  return r.data;
}
