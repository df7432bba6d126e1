// The playbook registry: one import and one entry per playbook file (the file name is the id).
import alertSummary from "./alert-summary";

export const PLAYBOOKS = [alertSummary] as const;
