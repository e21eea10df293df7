export { TcpProxy, type TcpProxyOptions } from './tcp-proxy';
