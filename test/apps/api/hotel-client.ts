import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';

/** The API's routes as one-liners over supertest; each returns the pending request, to `.expect()` on. */
export class HotelClient {
  constructor(private readonly server: Server) {}

  checkIn(stayId: string, body: object = {}) {
    return request(this.server).post(`/stays/${stayId}/check-in`).send(body);
  }

  charge(stayId: string, amount: unknown, chargeId: string = randomUUID()) {
    return request(this.server).post(`/stays/${stayId}/charges`).send({ chargeId, amount });
  }

  payStay(stayId: string, amount: unknown, paymentId: string = randomUUID()) {
    return request(this.server).post(`/stays/${stayId}/payments`).send({ paymentId, amount });
  }

  checkOut(stayId: string) {
    return request(this.server).post(`/stays/${stayId}/check-out`);
  }

  stay(stayId: string) {
    return request(this.server).get(`/stays/${stayId}`);
  }

  select(groupId: string, stayIds: unknown) {
    return request(this.server).post(`/group-checkouts/${groupId}/stays`).send({ stayIds });
  }

  payGroup(groupId: string, amount: unknown, paymentId: string = randomUUID()) {
    return request(this.server).post(`/group-checkouts/${groupId}/payments`).send({ paymentId, amount });
  }

  confirm(groupId: string) {
    return request(this.server).post(`/group-checkouts/${groupId}/confirm`);
  }

  group(groupId: string, waitMs?: number | string) {
    const query = waitMs === undefined ? '' : `?wait=${waitMs}`;
    return request(this.server).get(`/group-checkouts/${groupId}${query}`);
  }
}
