// Grouping rules: which open case a new alert joins.
import type { Metadata } from "next";
import { GroupingRules } from "./grouping-rules";

export const metadata: Metadata = { title: "Grouping rules" };

export default function GroupingPage() {
  return <GroupingRules />;
}
