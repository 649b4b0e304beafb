# One image for the API, the reactor and the admin CLI (db init, checkpoints, parked streams): the command picks the
# role. Node 24 LTS (the code also runs on Node 20, as `engines` says).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:admin && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# Reachable from outside the container (the API's own default; npm start binds loopback only).
ENV HOST=0.0.0.0
WORKDIR /app
# Owned by root, run by the unprivileged node user: the app cannot change its own code.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts/healthcheck.js ./scripts/healthcheck.js
USER node
EXPOSE 3000 8081
# The API's or the reactor's /health/live, whichever the container runs; one-shot commands pass.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.js"]
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
