import { DirectoryReadError } from './directory-read.error';
import { DirectoryReader } from './directory-reader';
import {
  applyGroupDelta,
  forgetUnreachable,
  GROUPS_PER_DELTA_LINK,
  untrackedGroups,
  type GroupState,
} from './group-state';

/**
 * The chosen groups and every group under them, read with first rounds of groups delta queries: each
 * returns the groups' direct members and the delta link that reports their changes from then on.
 */
export async function readGroups(reader: DirectoryReader, chosen: string[]): Promise<GroupState> {
  const state: GroupState = { chosen: chosen.map((id) => id.toLowerCase()), groups: new Map(), links: [] };
  await trackNewGroups(reader, state);
  assertChosenExist(state);
  return state;
}

/**
 * Brings `state` up to date from its delta links (each advanced to its next one), stops following
 * groups no longer under the chosen ones, and starts following those that appeared under them.
 * Throws `delta-expired` when a link is refused.
 */
export async function readGroupChanges(reader: DirectoryReader, state: GroupState): Promise<void> {
  for (const link of state.links) {
    const round = await reader.groupDelta(link.deltaLink);
    for (const item of round.items) applyGroupDelta(state, item);
    link.deltaLink = round.deltaLink;
  }
  forgetUnreachable(state);
  await trackNewGroups(reader, state);
  assertChosenExist(state);
}

/** A first round for the groups no link follows yet, 50 per link, until none is left (a group's nested groups may be new too). */
async function trackNewGroups(reader: DirectoryReader, state: GroupState): Promise<void> {
  for (let fresh = untrackedGroups(state); fresh.length > 0; fresh = untrackedGroups(state)) {
    for (let at = 0; at < fresh.length; at += GROUPS_PER_DELTA_LINK) {
      const groupIds = fresh.slice(at, at + GROUPS_PER_DELTA_LINK);
      const round = await reader.groupDelta(DirectoryReader.groupDeltaStart(groupIds));
      for (const item of round.items) applyGroupDelta(state, item);
      state.links.push({ groupIds, deltaLink: round.deltaLink });
    }
  }
}

function assertChosenExist(state: GroupState): void {
  const missing = state.chosen.find((id) => !state.groups.has(id));
  if (missing)
    throw new DirectoryReadError('not-found', `the group ${missing} of the groups filter does not exist`);
}
