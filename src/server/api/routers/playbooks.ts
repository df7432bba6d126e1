// Playbooks: list with enabled flag, version and manual-run input schema.
import { listPlaybookSummaries } from "../../engine/playbook-queries";
import { analystProcedure, createTRPCRouter } from "../trpc";

export const playbooksRouter = createTRPCRouter({
  list: analystProcedure.query(({ ctx }) => listPlaybookSummaries(ctx.db)),
});
