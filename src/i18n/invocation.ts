// How advice lines spell our command. `--offline` because a bare `npx hci-bringup` run outside the
// repository asks the public npm registry for a package of that name (dependency confusion); with
// it, npx runs the repository's own bin or fails without a lookup.
export const CLI = 'npx --offline hci-bringup';
