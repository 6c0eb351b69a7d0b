import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "./db";

/** One write per item, all in one transaction (all or none stored); no transaction at all for no items. */
export async function writeEach<T>(
  db: Db,
  items: readonly T[],
  write: (item: T) => Prisma.PrismaPromise<unknown>,
): Promise<void> {
  if (!items.length) return;
  await db.$transaction(items.map(write));
}
