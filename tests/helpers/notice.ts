import { alertNotice, type Notice } from "@/lib/notify/channels/notice";

/** A room over its maximum: the notice the channel tests send. */
export const boardRoomFull: Notice = alertNotice(
  {
    kind: "raised",
    level: "full",
    locationName: "Board Room",
    count: 14,
    capacity: 12,
    at: Date.UTC(2026, 11, 4, 13, 5),
    timeZone: "Europe/London",
  },
  "https://floorpulse.example",
  "loc-1",
);
