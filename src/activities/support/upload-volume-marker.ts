// Stage 4 marks the upload volumes of its ISO with the run; cleanup finds its own by that mark.

/** The description an upload volume of a run carries, so cleanup finds its own and nothing else. */
export function uploadVolumeMarker(workflowId: string): string {
  return `hci-bringup run ${workflowId}`;
}
