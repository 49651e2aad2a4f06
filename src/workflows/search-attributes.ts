import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Registered on the dev server by temporal-dev.yaml (`--search-attribute`). */
export const clusterNameKey = defineSearchAttributeKey('ClusterName', SearchAttributeType.KEYWORD);
/** The site whose worker runs the bring-up (`start --site`); absent without a site. */
export const siteKey = defineSearchAttributeKey('Site', SearchAttributeType.KEYWORD);
export const bringUpStageKey = defineSearchAttributeKey('BringUpStage', SearchAttributeType.KEYWORD);
