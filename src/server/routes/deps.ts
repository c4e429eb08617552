import type { NextFunction, Request, Response } from 'express';
import type { HuikuanService } from '../../service/huikuan.ts';
import type { Team } from '../../team/team.ts';

/** An async route handler for Express 4, which does not catch a rejected promise itself. */
export const handle =
  <Q extends Request>(f: (req: Q, res: Response) => Promise<void>) =>
  (req: Q, res: Response, next: NextFunction): void =>
    void f(req, res).catch(next);

/** What every panel API route is built from. */
export interface ApiDeps {
  service: HuikuanService;
  /** The agents, their sessions, ownership, notes and the audit trail. */
  team: Team;
  /** Start sending what the route just committed, without holding up the answer. */
  afterCommit: () => void;
}
