// Floor plans in feet (origin top-left, x along the width, y along the length, as the Cisco map
// dimension reads). Zones are areas of a floor; "core" is stairs and restrooms, in no zone.

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type ZoneKind = "open" | "meeting" | "cafe" | "lab" | "reception" | "lounge";

export interface ZonePlan {
  name: string;
  kind: ZoneKind;
  rect: Rect;
  capacity: number;
  /** Meraki cameras over this zone (each its own camera zone, splitting the zone left to right). */
  cameras: number;
  /** A Webex room device reports people counts here. */
  webex: boolean;
}

export interface FloorPlanDef {
  name: string;
  floorNumber: number;
  widthFt: number;
  lengthFt: number;
  zones: ZonePlan[];
  core: Rect;
  /** Floor-level Meraki cameras (splitting the floor left to right); 0 = no floor-level count. */
  floorCameras: number;
}

export interface BuildingPlan {
  key: string;
  name: string;
  floors: FloorPlanDef[];
}

const z = (
  name: string,
  kind: ZoneKind,
  x: number,
  y: number,
  w: number,
  h: number,
  capacity: number,
  cameras = 0,
  webex = false,
): ZonePlan => ({
  name,
  kind,
  rect: { x, y, w, h },
  capacity,
  cameras,
  webex,
});

export const HQ: BuildingPlan = {
  key: "building",
  name: "HQ",
  floors: [
    {
      name: "Floor 1",
      floorNumber: 1,
      widthFt: 240,
      lengthFt: 140,
      floorCameras: 2,
      core: { x: 172, y: 102, w: 60, h: 30 },
      zones: [
        z("Reception", "reception", 8, 8, 52, 44, 12),
        z("Open Office East", "open", 68, 8, 96, 60, 48),
        z("Cafe", "cafe", 172, 8, 60, 52, 40, 1),
        z("Meeting Room Alpha", "meeting", 172, 68, 28, 26, 8, 0, true),
        z("Meeting Room Beta", "meeting", 204, 68, 28, 26, 8, 0, true),
        z("Lab", "lab", 8, 60, 60, 72, 16),
        z("Open Office West", "open", 76, 76, 88, 56, 40),
      ],
    },
    {
      name: "Floor 2",
      floorNumber: 2,
      widthFt: 240,
      lengthFt: 140,
      floorCameras: 0,
      core: { x: 172, y: 102, w: 60, h: 30 },
      zones: [
        z("Open Office North", "open", 8, 8, 116, 58, 56),
        z("Board Room", "meeting", 132, 8, 46, 34, 14, 1, true),
        z("Meeting Room Gamma", "meeting", 186, 8, 46, 34, 6, 0, true),
        z("Lounge", "lounge", 132, 50, 100, 44, 30, 2),
        z("Test Lab", "lab", 8, 74, 56, 58, 12),
        z("Open Office South", "open", 72, 74, 52, 58, 28),
        z("Quiet Room", "meeting", 132, 102, 32, 30, 4),
      ],
    },
  ],
};

export const ANNEX: BuildingPlan = {
  key: "annex",
  name: "Annex",
  floors: [
    {
      name: "Ground Floor",
      floorNumber: 0,
      widthFt: 160,
      lengthFt: 100,
      floorCameras: 1,
      core: { x: 106, y: 66, w: 46, h: 26 },
      zones: [
        z("Workshop", "open", 8, 8, 90, 50, 30),
        z("Meeting Room Delta", "meeting", 106, 8, 46, 24, 8, 0, true),
        z("Kitchen", "cafe", 106, 36, 46, 26, 16, 1),
        z("Store", "lab", 8, 66, 90, 26, 8),
      ],
    },
  ],
};

export const BRANCH: BuildingPlan = {
  key: "branch",
  name: "Branch Office",
  floors: [
    {
      name: "Level 1",
      floorNumber: 1,
      widthFt: 160,
      lengthFt: 100,
      floorCameras: 0,
      core: { x: 116, y: 80, w: 36, h: 14 },
      zones: [
        z("Open Area", "open", 8, 8, 100, 60, 30),
        z("Meeting Room East", "meeting", 116, 8, 36, 30, 6, 0, true),
        z("Kitchenette", "cafe", 116, 44, 36, 30, 10, 1),
        z("Workshop", "lab", 8, 76, 100, 18, 6),
      ],
    },
  ],
};
