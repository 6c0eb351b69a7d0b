import type { z } from "zod";
import { decodeChain, firstIssue, type LocationNode } from "./primitives";
import type { EventBody, PayloadDecoder } from "./types";

// Most event types describe one location and carry one payload shape: the location is decoded
// first (an event without one is dropped), then the payload, and the event is built from both.

type Decoded = EventBody | string;
type Payload = Record<string, unknown>;

export const NO_LOCATION = "location missing or malformed";

/** For decoders that need the location: decode it first, then the rest. */
export const located =
  (decode: (p: Payload, chain: LocationNode[]) => Decoded): PayloadDecoder =>
  (p) => {
    const chain = decodeChain(p.location);
    return chain ? decode(p, chain) : NO_LOCATION;
  };

/** The payload read with `schema` and the event built from what it holds; the first issue when it does not fit. */
export const parsed =
  <S extends z.ZodType>(schema: S, build: (d: z.output<S>, chain: LocationNode[], p: Payload) => Decoded) =>
  (p: Payload, chain: LocationNode[]): Decoded => {
    const r = schema.safeParse(p);
    return r.success ? build(r.data, chain, p) : firstIssue(r.error);
  };
