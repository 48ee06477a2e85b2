# syntax=docker/dockerfile:1
# Build stage: full install, compile TypeScript.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
COPY lexicons ./lexicons
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled code and production dependencies only, as a non-root user.
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    PRIMAL_PDS_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/lexicons ./lexicons
# `docker exec <container> primal-pds domain list` runs the CLI as it runs on a host.
RUN mkdir -p /data && chown node:node /data && ln -s /app/bin/primal-pds.js /usr/local/bin/primal-pds
USER node
VOLUME ["/data"]
EXPOSE 2583
# Mount the config read-only: docker run -v $PWD/db.json:/app/db.json:ro -v pds-data:/data …
# (without it the server starts on defaults, the embedded database in /data).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PRIMAL_PDS_PORT||2583)+'/xrpc/_health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/primal-pds.js"]
CMD ["serve"]
