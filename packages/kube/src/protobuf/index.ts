/**
 * @module protobuf
 * Decoding of Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`) to JSON objects.
 */
export {
  decodeKubernetesProtobuf,
  decodeEnvelope,
  isKubernetesProtobuf,
  KUBERNETES_PROTOBUF,
} from './decode';
export type { ProtobufEnvelope } from './decode';
