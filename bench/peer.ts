/**
 * The peer iwg-graph is measured against: LangChain.js `Neo4jVectorStore` in its hybrid mode, set up the way its
 * documentation shows for an existing graph (`fromExistingIndex`), over the SAME Neo4j server, the SAME passages
 * (our Passage nodes, their vector index and full-text index) and the SAME model (our embedder, behind LangChain's
 * `Embeddings` interface). Its hybrid search max-normalises the vector and full-text scores and keeps the best.
 * Served over HTTP by a minimal Express app so both systems are loaded by the same tool the same way.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Neo4jVectorStore } from '@langchain/community/vectorstores/neo4j_vector';
import { Embeddings } from '@langchain/core/embeddings';
import express from 'express';
import { FULLTEXT_INDEXES, VECTOR_INDEXES } from '../graph/schema.js';
import type { Embedder } from '../ingest/embed.js';
import type { RankedPassage } from './quality.js';

/** Our model behind LangChain's Embeddings interface (no query cache: every query is embedded). */
class ModelEmbeddings extends Embeddings {
  constructor(private readonly embedder: Embedder) {
    super({});
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.embedder.embed(texts)).map((v) => Array.from(v));
  }
  async embedQuery(text: string): Promise<number[]> {
    return Array.from((await this.embedder.embed([text], { kind: 'query' }))[0]);
  }
}

export interface Peer {
  search(query: string, k: number): Promise<RankedPassage[]>;
  url: string;
  close(): Promise<void>;
}

export async function startPeer(
  neo4j: { url: string; username: string; password: string },
  embedder: Embedder,
): Promise<Peer> {
  const store = await Neo4jVectorStore.fromExistingIndex(new ModelEmbeddings(embedder), {
    ...neo4j,
    indexName: VECTOR_INDEXES.passage.name,
    keywordIndexName: FULLTEXT_INDEXES.passage.name,
    searchType: 'hybrid',
    nodeLabel: 'Passage',
    textNodeProperty: 'text',
    embeddingNodeProperty: 'embedding',
    // Its default retrieval query drops `id` from the metadata; a user keeps the ids this way.
    retrievalQuery: 'RETURN node.text AS text, score, {id: node.id, documentId: node.documentId} AS metadata',
  });
  const search = async (query: string, k: number): Promise<RankedPassage[]> =>
    (await store.similaritySearchWithScore(query, k)).map(([doc]) => ({
      id: String(doc.metadata.id),
      documentId: String(doc.metadata.documentId),
      text: doc.pageContent,
    }));
  const app = express();
  app.use(express.json());
  app.post('/search', (req, res, next) => {
    const { query, k } = req.body as { query: string; k?: number };
    search(query, k ?? 10)
      .then((results) => res.json({ results }))
      .catch(next);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    search,
    url,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}
