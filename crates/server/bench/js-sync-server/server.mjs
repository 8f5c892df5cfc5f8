// The reference: automerge-repo's own sync server (WebSocket + file storage), as its
// automerge-repo-sync-server package sets it up. Started by the sync bench:
//   node server.mjs PORT DATA_DIR
import { Repo } from "@automerge/automerge-repo"
import { NodeWSServerAdapter } from "@automerge/automerge-repo-network-websocket"
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs"
import { WebSocketServer } from "ws"

const port = Number(process.argv[2])
const dir = process.argv[3]
const wss = new WebSocketServer({ port, host: "127.0.0.1" })
new Repo({
  network: [new NodeWSServerAdapter(wss)],
  storage: new NodeFSStorageAdapter(dir),
  peerId: "js-sync-server",
  // A sync server does not announce documents; it answers what peers ask for.
  sharePolicy: async () => false,
})
wss.on("listening", () => console.log(`listening on ${port}`))
