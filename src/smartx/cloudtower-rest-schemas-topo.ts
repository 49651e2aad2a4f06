// Shapes of CloudTower's monitoring views/graphs and rack topology (zone → rack → brick → node), as
// the official SDKs document them (View, Graph, ZoneTopo, RackTopo, BrickTopo, NodeTopo; REST v2,
// snake_case). Only the fields the bring-up reads are required; the rest pass through.
import { z } from 'zod';

const ref = z.looseObject({ id: z.string(), name: z.string().nullish() });

export const viewSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  cluster: ref.nullish(),
  time_span: z.number().nullish(),
  time_unit: z.string().nullish(),
  graphs: z.array(z.looseObject({ id: z.string() })).nullish(),
});

export const graphSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  metric_name: z.string(),
  resource_type: z.string().nullish(),
  type: z.string().nullish(),
  view: z.looseObject({ id: z.string() }).nullish(),
  cluster: ref.nullish(),
});

export const zoneTopoSchema = z.looseObject({
  id: z.string(),
  cluster: ref.nullish(),
});

export const rackTopoSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  height: z.number().nullish(),
  cluster: ref.nullish(),
  zone_topo: z.looseObject({ id: z.string() }).nullish(),
});

export const brickTopoSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  height: z.number().nullish(),
  position: z.number().nullish(),
  cluster: ref.nullish(),
  rack_topo: z.looseObject({ id: z.string() }).nullish(),
});

export const nodeTopoSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  host: ref.nullish(),
  cluster: ref.nullish(),
  brick_topo: z.looseObject({ id: z.string() }).nullish(),
});

export type TowerView = z.infer<typeof viewSchema>;
export type TowerGraph = z.infer<typeof graphSchema>;
export type TowerZoneTopo = z.infer<typeof zoneTopoSchema>;
export type TowerRackTopo = z.infer<typeof rackTopoSchema>;
export type TowerBrickTopo = z.infer<typeof brickTopoSchema>;
export type TowerNodeTopo = z.infer<typeof nodeTopoSchema>;

/** ViewCreationParams. TimeUnit: MINUTE | HOUR | DAY | MONTH. */
export interface ViewCreation {
  cluster_id: string;
  name: string;
  time_span: number;
  time_unit: 'MINUTE' | 'HOUR' | 'DAY' | 'MONTH';
}

/** GraphCreationParams (the required fields and the optional ones the bring-up sets). */
export interface GraphCreation {
  view_id: string;
  cluster_id: string;
  title: string;
  type: 'AREA' | 'STACK';
  resource_type: string;
  metric_name: string;
  connect_id: string[];
  metric_type?: 'NORMAL' | 'TOPK' | 'BOTTOMK';
  metric_count?: number;
}

/** RackTopoCreationParams. */
export interface RackTopoCreation {
  cluster_id: string;
  zone_topo_id: string;
  name: string;
  height: number;
}

/** BrickTopoCreationParams (position: the brick's lowest unit in its rack). */
export interface BrickTopoCreation {
  cluster_id: string;
  rack_topo_id: string;
  name: string;
  height: number;
  position: number;
}

/** NodeTopoUpdationParams, sent to `/move-node-topo` (the SDK's updateNodeTopo). */
export interface NodeTopoMove {
  where: { id: string };
  data: { brick_topo_id: string };
}
