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

type Box = [x: number, y: number, w: number, h: number];

/** A zone over the box [x, y, w, h] in feet. */
export const zone = (
  name: string,
  kind: ZoneKind,
  [x, y, w, h]: Box,
  capacity: number,
  cameras = 0,
  webex = false,
): ZonePlan => ({ name, kind, rect: { x, y, w, h }, capacity, cameras, webex });

/** A floor of size [width, length] feet with its floor-wide cameras, its core [x, y, w, h] and its zones. */
export const floorPlan = (
  name: string,
  floorNumber: number,
  o: { size: [widthFt: number, lengthFt: number]; cameras: number; core: Box },
  zones: ZonePlan[],
): FloorPlanDef => {
  const [widthFt, lengthFt] = o.size;
  const [x, y, w, h] = o.core;
  return { name, floorNumber, widthFt, lengthFt, floorCameras: o.cameras, core: { x, y, w, h }, zones };
};

export const building = (key: string, name: string, floors: FloorPlanDef[]): BuildingPlan => ({ key, name, floors });

export const HQ: BuildingPlan = building("building", "HQ", [
  floorPlan("Floor 1", 1, { size: [240, 140], cameras: 2, core: [172, 102, 60, 30] }, [
    zone("Reception", "reception", [8, 8, 52, 44], 12),
    zone("Open Office East", "open", [68, 8, 96, 60], 48),
    zone("Cafe", "cafe", [172, 8, 60, 52], 40, 1),
    zone("Meeting Room Alpha", "meeting", [172, 68, 28, 26], 8, 0, true),
    zone("Meeting Room Beta", "meeting", [204, 68, 28, 26], 8, 0, true),
    zone("Lab", "lab", [8, 60, 60, 72], 16),
    zone("Open Office West", "open", [76, 76, 88, 56], 40),
  ]),
  floorPlan("Floor 2", 2, { size: [240, 140], cameras: 0, core: [172, 102, 60, 30] }, [
    zone("Open Office North", "open", [8, 8, 116, 58], 56),
    zone("Board Room", "meeting", [132, 8, 46, 34], 14, 1, true),
    zone("Meeting Room Gamma", "meeting", [186, 8, 46, 34], 6, 0, true),
    zone("Lounge", "lounge", [132, 50, 100, 44], 30, 2),
    zone("Test Lab", "lab", [8, 74, 56, 58], 12),
    zone("Open Office South", "open", [72, 74, 52, 58], 28),
    zone("Quiet Room", "meeting", [132, 102, 32, 30], 4),
  ]),
]);

export const ANNEX: BuildingPlan = building("annex", "Annex", [
  floorPlan("Ground Floor", 0, { size: [160, 100], cameras: 1, core: [106, 66, 46, 26] }, [
    zone("Workshop", "open", [8, 8, 90, 50], 30),
    zone("Meeting Room Delta", "meeting", [106, 8, 46, 24], 8, 0, true),
    zone("Kitchen", "cafe", [106, 36, 46, 26], 16, 1),
    zone("Store", "lab", [8, 66, 90, 26], 8),
  ]),
]);

export const BRANCH: BuildingPlan = building("branch", "Branch Office", [
  floorPlan("Level 1", 1, { size: [160, 100], cameras: 0, core: [116, 80, 36, 14] }, [
    zone("Open Area", "open", [8, 8, 100, 60], 30),
    zone("Meeting Room East", "meeting", [116, 8, 36, 30], 6, 0, true),
    zone("Kitchenette", "cafe", [116, 44, 36, 30], 10, 1),
    zone("Workshop", "lab", [8, 76, 100, 18], 6),
  ]),
]);
