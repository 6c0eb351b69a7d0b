// What server.ts and the realtime layer use from auth.
export {
  authenticateSocket,
  authenticateSocketWith,
  socketCanWatch,
  type SocketHandshake,
  type SocketPrincipal,
} from "./socket";
export {
  createAuthContext,
  buildAuthSettings,
  type AuthContext,
  type AuthSettings,
  type SimulatorInfo,
} from "./context";
export { CLIENT_IP_HEADER } from "./principal";
