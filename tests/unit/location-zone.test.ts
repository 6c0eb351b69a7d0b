import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationTimeZone } from "@/lib/store/location-zone";
import { upsertLocations } from "@/lib/store/locations";
import { createTempSqliteDatabase, type TempSqliteDatabase } from "../helpers/sqlite";

// Where a location's clock comes from: its own zone, else its nearest ancestor's, else the configured
// default; a record without a zone never erases a stored one.

describe("a location's time zone in the database", () => {
  let temp: TempSqliteDatabase;

  beforeAll(async () => {
    temp = await createTempSqliteDatabase();
    await temp.db.tenant.create({ data: { id: "t1", partnerTenantId: "p1", name: "T" } });
    await upsertLocations(temp.db, "t1", [
      { id: "campus", name: "Campus", type: "CAMPUS", parentId: null, mapId: null },
      { id: "hq", name: "HQ", type: "BUILDING", parentId: "campus", mapId: null, timeZone: "America/New_York" },
      { id: "f1", name: "Floor 1", type: "FLOOR", parentId: "hq", mapId: null },
      { id: "z1", name: "Room", type: "ZONE", parentId: "f1", mapId: null },
    ]);
  });
  afterAll(() => temp?.drop());

  it("inherits the nearest ancestor's zone, and falls back to the default above it", async () => {
    expect(await locationTimeZone(temp.db, "z1", "Europe/London")).toBe("America/New_York");
    expect(await locationTimeZone(temp.db, "hq", "Europe/London")).toBe("America/New_York");
    expect(await locationTimeZone(temp.db, "campus", "Europe/London")).toBe("Europe/London");
    expect(await locationTimeZone(temp.db, "nowhere", "Europe/London")).toBe("Europe/London");
  });

  it("keeps the stored zone when a later write carries none, and takes a new one", async () => {
    await upsertLocations(temp.db, "t1", [
      { id: "hq", name: "HQ renamed", type: "BUILDING", parentId: "campus", mapId: null },
    ]);
    expect((await temp.db.location.findUnique({ where: { id: "hq" } }))?.timeZone).toBe("America/New_York");
    await upsertLocations(temp.db, "t1", [
      { id: "hq", name: "HQ renamed", type: "BUILDING", parentId: "campus", mapId: null, timeZone: "America/Chicago" },
    ]);
    expect(await locationTimeZone(temp.db, "f1", "UTC")).toBe("America/Chicago");
  });

  it("passes over a stored name that is not a zone", async () => {
    await temp.db.location.update({ where: { id: "f1" }, data: { timeZone: "Nowhere/Atlantis" } });
    expect(await locationTimeZone(temp.db, "z1", "UTC")).toBe("America/Chicago");
  });
});
