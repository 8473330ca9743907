/**
 * The newest committed version of the public lists, shared through Redis: public-list announces it
 * after every committed change (a key for late joiners, a pub/sub message for everyone listening),
 * and the gateway keys its anonymous answer cache by it, so no answer outlives a list change.
 */
export const publicListVersionKey = (queuePrefix: string) => `${queuePrefix}:public-list:version`;
