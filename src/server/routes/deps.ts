import type { HuikuanService } from '../../service/huikuan.ts';

/** What every panel API route is built from. */
export interface ApiDeps {
  service: HuikuanService;
  /** Start sending what the route just committed, without holding up the answer. */
  afterCommit: () => void;
}
