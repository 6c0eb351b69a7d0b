import { HQ, building, floorPlan, zone as z, type BuildingPlan, type ZonePlan } from "./layouts";

// Named worlds: the demo campus and worlds that differ from it in seed, size, number of buildings,
// devices per person, which rooms have cameras or Webex, and whether cameras cover a whole floor or
// only some zones. An estimate tuned on one world's constants should fail on another, so the
// accuracy bench and the truth checks run on all of them.

/** How many devices people carry: everyone has a phone; these shares add a laptop and a tablet or watch. */
export interface DeviceProfile {
  /** Share of desk workers (not security, cleaners or guests) with a laptop. */
  laptopShare: number;
  /** Share of non-guests with a tablet or a watch as well. */
  extraShare: number;
}

export const DEFAULT_DEVICES: DeviceProfile = { laptopShare: 0.85, extraShare: 0.25 };

export interface WorldPreset {
  name: string;
  /** One line for --help and the README. */
  summary: string;
  seed: number;
  /** People on the first tenant's campus. */
  people: number;
  /** Tenants (the second is the small New York branch). */
  tenants: number;
  /** The first tenant's buildings; absent: HQ (or HQ and the Annex with --buildings 2). */
  buildings?: BuildingPlan[];
  devices: DeviceProfile;
  /** The first tenant's time zone; absent: Europe/London. */
  timeZone?: string;
}

// A 200 × 120 ft tower floor: six zones around a core. Cameras and Webex vary by level.
const towerFloor = (
  n: number,
  floorCameras: number,
  cams: [number, number, number, number, number, number],
  webex: [boolean, boolean],
) =>
  floorPlan(`Level ${n}`, n, { size: [200, 120], cameras: floorCameras, core: [84, 48, 32, 24] }, [
    z(
      n === 1 ? "Lobby" : `Open Plan ${n}A`,
      n === 1 ? "reception" : "open",
      [6, 6, 72, 50],
      n === 1 ? 14 : 36,
      cams[0],
    ),
    z(n === 1 ? "Cafe" : `Open Plan ${n}B`, n === 1 ? "cafe" : "open", [122, 6, 72, 50], n === 1 ? 40 : 36, cams[1]),
    z(`Room ${n}01`, "meeting", [6, 62, 36, 52], 10, cams[2], webex[0]),
    z(`Room ${n}02`, "meeting", [46, 78, 34, 36], 6, cams[3], webex[1]),
    z(`Focus ${n}`, n === 4 ? "lab" : "lounge", [122, 62, 72, 52], 20, cams[4]),
    z(`Hub ${n}`, "open", [84, 78, 34, 36], 8, cams[5]),
  ]);

/** Four levels: whole-floor cameras on 1, cameras in two zones on 2, Webex only on 3, Wi-Fi only on 4. */
export const TOWER: BuildingPlan = building("tower", "Tower", [
  towerFloor(1, 2, [0, 0, 0, 0, 0, 0], [true, false]),
  towerFloor(2, 0, [1, 0, 0, 0, 2, 0], [true, true]),
  towerFloor(3, 0, [0, 0, 0, 0, 0, 0], [true, true]),
  towerFloor(4, 0, [0, 0, 0, 0, 0, 0], [false, false]),
]);

// A 160 × 100 ft floor with its core in the far corner.
const smallFloor = (name: string, n: number, cameras: number, zones: ZonePlan[]) =>
  floorPlan(name, n, { size: [160, 100], cameras, core: [116, 70, 36, 24] }, zones);

/** Three buildings: a camera only over each cafe, Webex in a few rooms, one whole-floor camera. */
export const CAMPUS: BuildingPlan[] = [
  building("north", "North", [
    smallFloor("North 1", 1, 0, [
      z("Front Desk", "reception", [6, 6, 50, 40], 10),
      z("Canteen", "cafe", [62, 6, 90, 58], 50, 2),
      z("Room N1", "meeting", [6, 52, 50, 42], 12, 0, true),
      z("Bench", "open", [62, 70, 50, 24], 16),
    ]),
    smallFloor("North 2", 2, 0, [
      z("Studio", "open", [6, 6, 104, 58], 48),
      z("Room N2", "meeting", [116, 6, 36, 30], 8),
      z("Library", "lounge", [6, 70, 104, 24], 14),
    ]),
  ]),
  building("south", "South", [
    smallFloor("South 1", 1, 0, [
      z("Workroom", "open", [6, 6, 104, 58], 50),
      z("Room S1", "meeting", [116, 6, 36, 30], 8, 0, true),
      z("Tea Point", "cafe", [116, 38, 36, 26], 12),
      z("Print", "lab", [6, 70, 104, 24], 6),
    ]),
  ]),
  building("labs", "Lab Block", [
    smallFloor("Labs", 0, 1, [
      z("Wet Lab", "lab", [6, 6, 70, 88], 20),
      z("Dry Lab", "lab", [82, 6, 70, 58], 16),
      z("Write-up", "open", [82, 70, 30, 24], 8),
    ]),
  ]),
];

/** Two buildings, no cameras and no Webex: Wi-Fi is the only source. */
export const WIFI_ONLY: BuildingPlan[] = [
  building("depot", "Depot", [
    smallFloor("Depot Floor", 0, 0, [
      z("Dock", "open", [6, 6, 104, 88], 40),
      z("Break Room", "cafe", [116, 6, 36, 58], 14),
    ]),
  ]),
  building("offices", "Offices", [
    smallFloor("Offices 1", 1, 0, [
      z("Reception", "reception", [6, 6, 50, 40], 8),
      z("Desks East", "open", [62, 6, 90, 58], 40),
      z("Huddle", "meeting", [6, 52, 50, 42], 8),
    ]),
    smallFloor("Offices 2", 2, 0, [
      z("Desks West", "open", [6, 6, 104, 88], 50),
      z("Board", "meeting", [116, 6, 36, 58], 12),
    ]),
  ]),
];

/** Cameras over every floor and Webex in every meeting room: the best-instrumented case. */
export const COVERED: BuildingPlan = building(
  "covered",
  "Studio House",
  [1, 2].map((n) =>
    smallFloor(`Studio ${n}`, n, 2, [
      z(n === 1 ? "Entrance" : "Makers", n === 1 ? "reception" : "open", [6, 6, 70, 50], n === 1 ? 10 : 30),
      z(n === 1 ? "Kitchen" : "Desks", n === 1 ? "cafe" : "open", [82, 6, 70, 58], 30, 1),
      z(`Room ${n}A`, "meeting", [6, 62, 50, 32], 8, 0, true),
      z(`Room ${n}B`, "meeting", [62, 70, 50, 24], 6, 0, true),
    ]),
  ),
);

export const WORLDS: readonly WorldPreset[] = [
  {
    name: "demo",
    summary: "seed 1, 200 people, HQ: floor-wide cameras on Floor 1, Floor 2 Wi-Fi only, Webex rooms; 1.8 devices each",
    seed: 1,
    people: 200,
    tenants: 2,
    devices: DEFAULT_DEVICES,
  },
  {
    name: "tower",
    summary:
      "seed 7, 360 people, one 4-level tower: floor-wide cameras on 1, zone cameras on 2, Webex only on 3, Wi-Fi only on 4; 2.3 devices each",
    seed: 7,
    people: 360,
    tenants: 1,
    buildings: [TOWER],
    devices: { laptopShare: 0.95, extraShare: 0.6 },
    timeZone: "America/New_York",
  },
  {
    name: "campus",
    summary:
      "seed 23, 300 people, 3 buildings: cameras over the canteen and one lab floor, Webex in two rooms; 1.35 devices each",
    seed: 23,
    people: 300,
    tenants: 1,
    buildings: CAMPUS,
    devices: { laptopShare: 0.45, extraShare: 0.05 },
  },
  {
    name: "wifi-only",
    summary: "seed 42, 150 people, 2 buildings, no cameras and no Webex; 1.75 devices each",
    seed: 42,
    people: 150,
    tenants: 1,
    buildings: WIFI_ONLY,
    devices: DEFAULT_DEVICES,
  },
  {
    name: "covered",
    summary:
      "seed 5, 120 people, 1 building: floor-wide cameras on both floors, Webex in every meeting room; 1.1 devices each",
    seed: 5,
    people: 120,
    tenants: 1,
    buildings: [COVERED],
    devices: { laptopShare: 0.1, extraShare: 0 },
  },
];

export const WORLD_NAMES = WORLDS.map((w) => w.name);

export function worldPreset(name: string): WorldPreset | undefined {
  return WORLDS.find((w) => w.name === name);
}

export { HQ };
