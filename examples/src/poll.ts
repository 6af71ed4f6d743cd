// A live poll, written with partyserver. It never says `static options = { hibernate: true }`,
// so partyserver accepts its connections with `accept()` and the object stays in memory, billed,
// for as long as a single voter keeps the page open.
import { type Connection, Server } from "partyserver";

export class Poll extends Server {
  async onConnect(connection: Connection) {
    connection.send(JSON.stringify(await this.results()));
  }

  async onMessage(connection: Connection, message: string | ArrayBuffer) {
    const option = String(message);
    const votes = ((await this.ctx.storage.get<number>(option)) ?? 0) + 1;
    await this.ctx.storage.put(option, votes);
    this.broadcast(JSON.stringify(await this.results()));
  }

  async results(): Promise<Record<string, number>> {
    return Object.fromEntries(await this.ctx.storage.list<number>());
  }
}
