// /settings opens on alert sources.
import { redirect } from "next/navigation";

export default function SettingsPage() {
  redirect("/settings/sources");
}
