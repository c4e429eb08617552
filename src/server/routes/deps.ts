import type { HuikuanService } from '../../service/huikuan.ts';
import type { Team } from '../../team/team.ts';

/** What every panel API route is built from. */
export interface ApiDeps {
  service: HuikuanService;
  /** The agents, their sessions, ownership, notes and the audit trail. */
  team: Team;
  /** Start sending what the route just committed, without holding up the answer. */
  afterCommit: () => void;
}
