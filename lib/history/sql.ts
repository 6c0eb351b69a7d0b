// The history reads' raw SQL helpers live in lib/store/sql (Prisma stays inside lib/store).
export { epochMs } from "@/lib/store/sql";
