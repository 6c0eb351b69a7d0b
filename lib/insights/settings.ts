import type { Config } from "@/lib/config";
import { parseWorkingHours, type WorkingHours } from "./hours";
import type { RightSizingSettings } from "./schema";

/** What the insights need from the configuration, parsed once by server.ts. */
export interface InsightsSettings {
  hours: WorkingHours;
  rightSizing: RightSizingSettings;
}

export function insightsSettings(c: Config): InsightsSettings {
  return {
    // The schema refused anything parseWorkingHours cannot read.
    hours: parseWorkingHours(c.INSIGHTS_WORKING_HOURS)!,
    rightSizing: {
      minMeetingMinutes: c.INSIGHTS_MIN_MEETING_MINUTES,
      meetingGapMinutes: c.INSIGHTS_MEETING_GAP_MINUTES,
      minMeetings: c.INSIGHTS_MIN_MEETINGS,
      groupPercentile: c.INSIGHTS_GROUP_PERCENTILE,
      oversizedShare: c.INSIGHTS_OVERSIZED_SHARE,
      fullShare: c.INSIGHTS_FULL_SHARE,
      floorPeakShare: c.INSIGHTS_FLOOR_PEAK_SHARE,
      minDataHours: c.INSIGHTS_MIN_DATA_HOURS,
    },
  };
}
