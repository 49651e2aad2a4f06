import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Registered on the dev server by temporal-dev.yaml (`--search-attribute`). */
export const clusterNameKey = defineSearchAttributeKey('ClusterName', SearchAttributeType.KEYWORD);
export const bringUpStageKey = defineSearchAttributeKey('BringUpStage', SearchAttributeType.KEYWORD);
