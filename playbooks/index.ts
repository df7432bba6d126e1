// The playbook registry: one import and one entry per playbook file (the file name is the id).
import alertSummary from "./alert-summary";
import blockAttackerIp from "./block-attacker-ip";

export const PLAYBOOKS = [alertSummary, blockAttackerIp] as const;
