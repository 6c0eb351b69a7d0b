/** What the simulator's /admin/world tells a test about one tenant's world. */
export interface WorldInfo {
  partnerTenantId: string;
  publicIp: string;
  floors: Array<{
    locationId: string;
    name: string;
    mapId: string;
    widthFt: number;
    lengthFt: number;
    imageWidth: number;
    imageHeight: number;
  }>;
  zones: Array<{ locationId: string; name: string; floorId: string }>;
}
