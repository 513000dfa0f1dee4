// The ceiling of the HTTP benchmark: a bare NestJS app (Express, no middleware, guards, pipes or
// database) answering a constant JSON, in a process of its own like the API.
//   node tests/bench/support/ceiling-server.mjs <port>
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

class PingController {
  ping() {
    return { ok: true, service: 'ceiling' };
  }
}
Controller('ping')(PingController);
Get()(PingController.prototype, 'ping', Object.getOwnPropertyDescriptor(PingController.prototype, 'ping'));

class CeilingModule {}
Module({ controllers: [PingController] })(CeilingModule);

const app = await NestFactory.create(CeilingModule, { logger: false });
await app.listen(Number(process.argv[2]), '127.0.0.1');
process.stdout.write('ceiling listening\n');
